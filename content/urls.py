from django.contrib.sitemaps.views import index, sitemap
from django.urls import path
from django.views.generic import TemplateView

from content import views
from content.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from content.sitemaps import SITEMAPS

app_name = "content"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/feed/rss/", LatestArticlesFeed(), name="article-feed-rss"),
    path("articles/feed/atom/", LatestArticlesAtomFeed(), name="article-feed-atom"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
    # An index, not one file: a section holds at most `limit` URLs and pages past it with ?p=.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "content:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("about/", TemplateView.as_view(template_name="content/about.html"), name="about"),
    path("about/sources/", views.about_sources, name="about-sources"),
    path("robots.txt", views.robots_txt, name="robots"),
]
