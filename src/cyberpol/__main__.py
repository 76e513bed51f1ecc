"""`python -m cyberpol` runs the command line."""

from cyberpol.entrypoints.cli import app

if __name__ == "__main__":
    app(prog_name="cyberpol")
