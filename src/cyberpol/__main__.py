"""`python -m cyberpol` runs the command line."""

from cyberpol.cli import app

app(prog_name="cyberpol")
