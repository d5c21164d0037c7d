"""Channel-layer groups: one per user, joined only by that user's own authenticated sockets."""


def user_group(user_id: int) -> str:
    return f"notifications.user.{user_id}"
