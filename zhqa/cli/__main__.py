import sys

from zhqa.cli import main

sys.exit(main())
