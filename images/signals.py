"""The events the image library announces, for the apps that place its images to react to.

image_changed(sender=Image, image=...)
    A library image's file, alt text, caption or credit was changed by an editor
    (images.services.save_image). Pages that show it rendered need rendering anew.
"""

from django.dispatch import Signal

image_changed = Signal()
