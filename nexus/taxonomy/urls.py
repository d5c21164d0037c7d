from rest_framework.routers import SimpleRouter

from .views import CategoryViewSet, IndustryViewSet, SkillViewSet

router = SimpleRouter()
router.register("categories", CategoryViewSet, basename="category")
router.register("industries", IndustryViewSet, basename="industry")
router.register("skills", SkillViewSet, basename="skill")

urlpatterns = router.urls
