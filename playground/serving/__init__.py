"""The served site's own protection (Voilà server side; not the engine, not the apps).

voila.json plugs these into Voilà through its configuration:

- ``websocket.V1OnlyConnection`` (``Voila.kernel_websocket_connection_class``): a kernel websocket
  that did not negotiate the v1 protocol is refused, so the server never parses a message in a
  protocol the connection did not choose (Voilà 0.5.13 did, and froze);
- ``kernels.GuardedKernelManager`` (``VoilaConfiguration.multi_kernel_manager_class``): a ceiling
  on kernels in all and per visitor, unused kernels shut down within a minute, memory ceilings for
  the server and each kernel;
- ``gate.prelaunch_hook``: a page that would start a kernel over the ceiling gets the "room is
  full" page (templates 503.html / 429.html) instead;
- ``static.refuse_malformed_template_paths``: ``/voila/templates/x`` is a 404, not a bare 500.
"""
