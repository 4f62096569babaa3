"""Runtime support for modules converted by Switcheroo.

Switcheroo writes this module once into every folder of converted files, so a converted module can
import it as a sibling. KeyMapper, which maps PyTorch state_dict keys and layouts to Flax
parameters, lands here with checkpoint conversion; until then the module exports nothing.
"""

__all__ = []
