from django.urls import path

from cases import feeds, views

app_name = "cases"
urlpatterns = [
    path("your-case/", views.case_intake, name="intake"),
    path("your-case/report", views.case_report, name="report"),
    path("your-case/report.pdf", views.case_report_pdf, name="report-pdf"),
    path("your-case/phenopacket.json", views.case_phenopacket, name="phenopacket"),
    path("your-case/save", views.case_save_view, name="save"),
    path("your-case/s/<str:token>/", views.case_saved, name="saved"),
    path("your-case/s/<str:token>/report.pdf", views.case_saved_pdf, name="saved-pdf"),
    path(
        "your-case/s/<str:token>/phenopacket.json",
        views.case_saved_phenopacket,
        name="saved-phenopacket",
    ),
    path("your-case/s/<str:token>/delete", views.case_saved_delete, name="saved-delete"),
    path("your-case/s/<str:token>/renew", views.case_saved_renew, name="saved-renew"),
    path("your-case/s/<str:token>/alerts", views.case_saved_alerts, name="saved-alerts"),
    path("your-case/s/<str:token>/feed.atom", feeds.SavedCaseFeed(), name="saved-feed"),
    path("your-case/unsubscribe/<str:token>/", views.case_unsubscribe, name="unsubscribe"),
]
