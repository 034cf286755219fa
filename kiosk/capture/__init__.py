"""Recording (audio, camera, screen): consent-gated stream control. The devices themselves arrive
with the recording roadmap item; whatever they are, they start only through :mod:`kiosk.capture.gate`.
"""
