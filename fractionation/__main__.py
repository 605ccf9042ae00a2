"""``python -m fractionation``: the command line."""

from fractionation.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
