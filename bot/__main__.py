"""`python -m bot` is the `flashback` command."""

from bot.start import main

if __name__ == "__main__":
    main()
