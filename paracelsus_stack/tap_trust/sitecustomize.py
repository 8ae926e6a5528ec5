"""Make `requests` trust the local HubSpot mock's CA inside tap-hubspot's process only.

singer-sdk sends with `Session.send()`, which never reads REQUESTS_CA_BUNDLE, so requests
falls back to its module-level default bundle. This file is put on the tap's PYTHONPATH in
the local and docker environments only; it points that default at the bundle named by
PARACELSUS_HUBSPOT_CA_BUNDLE. Verification stays on: only the trusted roots change.
"""

import os

_bundle = os.environ.get("PARACELSUS_HUBSPOT_CA_BUNDLE")
if _bundle:
    import requests.adapters
    import requests.utils

    requests.utils.DEFAULT_CA_BUNDLE_PATH = _bundle
    requests.adapters.DEFAULT_CA_BUNDLE_PATH = _bundle
