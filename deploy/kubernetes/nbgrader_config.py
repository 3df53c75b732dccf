# nbgrader's global configuration in the course image (/etc/jupyter/nbgrader_config.py).
#
# The exchange is ngshare, a JupyterHub service every user pod reaches over HTTP, in place
# of nbgrader's exchange folder (which needs one file system shared by every server and
# Unix accounts to keep trainees apart). ngshare_exchange's own configureExchange gives
# each of nbgrader's exchange operations its ngshare class (ngshare_exchange 0.5.3:
# Exchange, ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeReleaseAssignment,
# ExchangeReleaseFeedback, ExchangeList, ExchangeSubmit, ExchangeCollect) and the address.
# It sets the classes themselves, not their names: ngshare-course-management reads them
# back and calls them, which a class name in a string would not survive.
#
# The course id, the course folder and the role's settings come from the role's folder
# (JUPYTER_CONFIG_PATH, set by the hub: deploy/kubernetes/z2jh-values.yaml).
import os

from ngshare_exchange import configureExchange

c = get_config()  # noqa: F821 - injected by nbgrader

# ngshare's address inside the cluster: the chart's service `ngshare` on port 8080 in the
# hub's namespace, under the service prefix the hub gives it (the notes that
# `helm install ngshare` prints give the same URL). NGSHARE_URL overrides it.
configureExchange(c, os.environ.get("NGSHARE_URL", "http://ngshare:8080/services/ngshare"))
