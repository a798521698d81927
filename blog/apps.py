from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self) -> None:
        from blog.search_backend import post_rows_follow_edits

        post_rows_follow_edits()
