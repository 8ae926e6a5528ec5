"""Route tap-hubspot to the local HubSpot mock, with TLS verification left on.

Runs at interpreter start-up in tap-hubspot's virtualenv (through a .pth file) and acts
only when the local or docker stack asks for it, so a `prod` run is untouched:
- PARACELSUS_HUBSPOT_PROXY: the stack's CONNECT proxy, which tunnels api.hubapi.com:443
  to the mock (the tap's base URL is hard-coded, so it is reached through a proxy);
- PARACELSUS_HUBSPOT_CA_BUNDLE: the local CA. singer-sdk sends with `Session.send()`,
  which never reads REQUESTS_CA_BUNDLE, so requests falls back to its module-level default
  bundle; pointing that default at the local CA changes the trusted roots, not the checks.
"""

import os

LOCAL_ENVIRONMENTS = ("local", "docker")


def activate() -> None:
    if os.environ.get("MELTANO_ENVIRONMENT", "local") not in LOCAL_ENVIRONMENTS:
        return
    proxy = os.environ.get("PARACELSUS_HUBSPOT_PROXY")
    if proxy:
        os.environ["HTTPS_PROXY"] = proxy
        os.environ["https_proxy"] = proxy
    bundle = os.environ.get("PARACELSUS_HUBSPOT_CA_BUNDLE")
    if bundle:
        import requests.adapters
        import requests.utils

        requests.utils.DEFAULT_CA_BUNDLE_PATH = bundle
        requests.adapters.DEFAULT_CA_BUNDLE_PATH = bundle
