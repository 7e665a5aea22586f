"""python -m fabtoken.cli"""

import sys

from . import main

sys.exit(main())
