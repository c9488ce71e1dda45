"""``python -m wellbeing_framework``: the same as the ``wellbeing`` command."""

from .cli import main

raise SystemExit(main())
