"""Real-time notifications (Channels) and the links in alert emails."""

from .base import REDIS_URL
from .environment import env

# Websocket groups: Redis when REDIS_URL is set (every server process sees every message), else in memory.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env.str("CHANNELS_PREFIX", default="nexus-ws")},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Absolute links to this API in emails (the one-click unsubscribe of job alerts).
API_BASE_URL = env.str("API_BASE_URL", default="http://localhost:8000").rstrip("/")
# Most jobs listed in one alert email.
JOB_ALERT_MAX_JOBS_PER_EMAIL = env.int("JOB_ALERT_MAX_JOBS_PER_EMAIL", default=20)
# Most job alerts one seeker may keep.
JOB_ALERTS_PER_SEEKER = env.int("JOB_ALERTS_PER_SEEKER", default=20)
