# nbgrader's global configuration in the course image (/etc/jupyter/nbgrader_config.py).
#
# The exchange is ngshare, a JupyterHub service every user pod reaches over HTTP, in place
# of nbgrader's exchange folder (which needs one file system shared by every server). Each
# operation nbgrader's ExchangeFactory has is given ngshare_exchange's class; this is what
# ngshare_exchange.configureExchange does (ngshare_exchange 0.5.3), written out so that the
# repository's test can check each name against that release.
#
# The course id, the course folder and the role's settings come from the role's folder
# (JUPYTER_CONFIG_PATH, set by the hub: deploy/kubernetes/z2jh-values.yaml).
import os

c = get_config()  # noqa: F821 - injected by nbgrader

c.ExchangeFactory.exchange = "ngshare_exchange.exchange.Exchange"
c.ExchangeFactory.fetch_assignment = "ngshare_exchange.fetch_assignment.ExchangeFetchAssignment"
c.ExchangeFactory.fetch_feedback = "ngshare_exchange.fetch_feedback.ExchangeFetchFeedback"
c.ExchangeFactory.release_assignment = (
    "ngshare_exchange.release_assignment.ExchangeReleaseAssignment")
c.ExchangeFactory.release_feedback = "ngshare_exchange.release_feedback.ExchangeReleaseFeedback"
c.ExchangeFactory.list = "ngshare_exchange.list.ExchangeList"
c.ExchangeFactory.submit = "ngshare_exchange.submit.ExchangeSubmit"
c.ExchangeFactory.collect = "ngshare_exchange.collect.ExchangeCollect"

# ngshare's address inside the cluster: the chart's service `ngshare` on port 8080 in the
# hub's namespace, under the service prefix the hub gives it (helm's notes after
# `helm install ngshare` print the same URL). NGSHARE_URL overrides it.
c.Exchange._ngshare_url = os.environ.get(
    "NGSHARE_URL", "http://ngshare:8080/services/ngshare")
