import sys

from localstack.cli import main

sys.exit(main())
