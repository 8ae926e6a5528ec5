"""Route tap-hubspot to the local HubSpot mock, with TLS verification left on.

This folder is put on PYTHONPATH for tap-hubspot only, and only in the local and docker
Meltano environments, so nothing else is affected:
- PARACELSUS_HUBSPOT_PROXY: the stack's CONNECT proxy, which tunnels api.hubapi.com:443 to
  the mock (an environment variable read here because Meltano does not expand shell
  variables inside a plugin's `env:` block, and the test stacks use free ports).
- PARACELSUS_HUBSPOT_CA_BUNDLE: the local CA. singer-sdk sends with `Session.send()`, which
  never reads REQUESTS_CA_BUNDLE, so requests falls back to its module-level default bundle;
  pointing that default at the local CA changes the trusted roots, not the verification.
"""

import os

_proxy = os.environ.get("PARACELSUS_HUBSPOT_PROXY")
if _proxy:
    os.environ["HTTPS_PROXY"] = _proxy
    os.environ["https_proxy"] = _proxy

_bundle = os.environ.get("PARACELSUS_HUBSPOT_CA_BUNDLE")
if _bundle:
    import requests.adapters
    import requests.utils

    requests.utils.DEFAULT_CA_BUNDLE_PATH = _bundle
    requests.adapters.DEFAULT_CA_BUNDLE_PATH = _bundle
