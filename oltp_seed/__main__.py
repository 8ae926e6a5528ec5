import sys

from oltp_seed.cli import main

sys.exit(main())
