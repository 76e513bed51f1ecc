"""`python -m cyberpol` runs the command line."""

from cyberpol.entrypoints.cli import main

if __name__ == "__main__":
    main()
