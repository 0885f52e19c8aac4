"""The demo world of 示例市 (python manage.py load_demo): organs, staff, applications, published
documents and annual reports, built through the other apps' services. Nothing imports this package
except its own commands and tests."""
