from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_agency_updated_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="require_2fa",
            field=models.BooleanField(
                default=False,
                help_text="开启后，本机关所有工作人员登录时须使用手机身份验证器的验证码（未设置的人员登录后须先完成设置）",
                verbose_name="要求双因素登录",
            ),
        ),
    ]
