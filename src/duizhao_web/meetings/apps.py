from django.apps import AppConfig


class Config(AppConfig):
    name = "duizhao_web.meetings"
    label = "meetings"
    verbose_name = "会议"
    default_auto_field = "django.db.models.BigAutoField"
