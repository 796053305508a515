from django.urls import path

from delivery import api, views

urlpatterns = [
    path("settings/delivery", views.save_delivery, name="settings-delivery"),
    path("settings/telegram/link", views.telegram_link, name="settings-telegram-link"),
    path("settings/telegram/unlink", views.telegram_unlink, name="settings-telegram-unlink"),
    path("delivery/unsubscribe/<str:token>", views.unsubscribe, name="delivery-unsubscribe"),
    path("telegram/webhook", views.telegram_webhook, name="telegram-webhook"),
    path(
        "api/settings/telegram/link",
        api.TelegramLinkView.as_view(),
        name="api-settings-telegram-link",
    ),
]
