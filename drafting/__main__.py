"""Run the CLI: ``python -m drafting``, and the ``drafting`` command."""

import signal
import sys


def run() -> None:
    """Start the CLI; a Ctrl-C while it is still loading ends it as one during a command does (no traceback)."""
    try:
        from drafting.cli import main
    except KeyboardInterrupt:
        from drafting.diagnostics import exit_status

        sys.stderr.write("interrupted by SIGINT; no partial output was left\n")
        raise SystemExit(exit_status(signum=signal.SIGINT)) from None
    main()


if __name__ == "__main__":
    run()
