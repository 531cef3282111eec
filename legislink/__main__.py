"""`python -m legislink …`: the `legislink` command, for a shell where the virtual environment's bin folder is
not on PATH."""

from legislink.cli import main

main(prog_name="legislink")
