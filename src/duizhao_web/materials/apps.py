from django.apps import AppConfig


class Config(AppConfig):
    name = "duizhao_web.materials"
    label = "materials"
    verbose_name = "材料"
    default_auto_field = "django.db.models.BigAutoField"
