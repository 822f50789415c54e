"""`python -m bot` is the `flashback` command."""

from bot.cli import main

if __name__ == "__main__":
    main()
