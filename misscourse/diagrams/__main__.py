"""``python -m misscourse.diagrams``: write every diagram SVG and print the files written."""

import sys

from . import main

sys.exit(main())
