import gc

# Importing the command line (Typer) makes long-lived objects only: the collector is paused
# meanwhile and what is loaded is frozen (as main() does for the command, see cli.main), so
# that no collection traverses it.
gc.disable()
try:
    from .cli import main

    gc.freeze()
finally:
    gc.enable()
main()
