from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"

    def ready(self) -> None:
        from ingest.upstreams import Upstream, upstream_register
        from trials.refresh import trials_fetch, trials_refresh

        upstream_register(Upstream("trials", trials_refresh, trials_fetch, id_kind="nct_ids"))
