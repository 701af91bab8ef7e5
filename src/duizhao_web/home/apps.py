from django.apps import AppConfig


class Config(AppConfig):
    name = "duizhao_web.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
