"""CyberPol: the shared anti-fraud tool of cyber-police units, banks and mobile operators."""

__version__ = "0.1.0"
