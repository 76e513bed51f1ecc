"""The unit's statistics: its figures by month, region and scheme, on screen and exported."""
