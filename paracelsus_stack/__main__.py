import sys

from paracelsus_stack.cli import main

sys.exit(main())
