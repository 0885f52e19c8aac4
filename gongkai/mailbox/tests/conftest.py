import pytest

from gongkai.mailbox.models import Mailbox


@pytest.fixture
def mailbox(tree):
    return Mailbox.objects.create(agency=tree["a"], name="局长信箱", answer_days=15)


@pytest.fixture
def letter():
    def make(**over):
        data = {"writer_name": "张三丰", "phone": "13812341234", "email": "zhang@example.com",
                "category": "consult", "subject": "老旧小区改造何时开工", "text": "请问我们小区的改造什么时候开工？",
                "consent_publish": "yes"}
        data.update(over)
        return data

    return make


@pytest.fixture
def message(mailbox, letter):
    from gongkai.mailbox import services

    def make(**over):
        data = letter(**over)
        data["consent_publish"] = data["consent_publish"] == "yes"
        return services.submit(mailbox, data)

    return make
