import gc

# Importing the command line (Typer) makes long-lived objects only: the collector is paused
# meanwhile (main() then freezes what is loaded, see cli.main), so that no collection
# traverses it half-loaded.
_was_enabled = gc.isenabled()
gc.disable()
try:
    from .cli import main
finally:
    if _was_enabled:
        gc.enable()
main()
