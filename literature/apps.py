from django.apps import AppConfig


class LiteratureConfig(AppConfig):
    name = "literature"

    def ready(self) -> None:
        from ingest.upstreams import Upstream, upstream_register
        from literature.refresh import literature_fetch, literature_refresh

        upstream_register(
            Upstream("literature", literature_refresh, literature_fetch, id_kind="pmids")
        )
