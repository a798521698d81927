from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self) -> None:
        from core.pagecache import page_cache_purge_on_edits

        page_cache_purge_on_edits()
