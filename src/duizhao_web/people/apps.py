from django.apps import AppConfig


class Config(AppConfig):
    name = "duizhao_web.people"
    label = "people"
    verbose_name = "人员与单位"
    default_auto_field = "django.db.models.BigAutoField"
