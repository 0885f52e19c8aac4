from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.law.subjects import TAXONOMY

    Subject = apps.get_model("publishing", "Subject")
    for position, (l1, subs) in enumerate(TAXONOMY, 1):
        Subject.objects.get_or_create(path=l1, defaults={"l1": l1, "position": position * 100})
        for i, l2 in enumerate(subs, 1):
            Subject.objects.get_or_create(path=f"{l1}\\{l2}", defaults={"l1": l1, "l2": l2,
                                                                        "position": position * 100 + i})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
