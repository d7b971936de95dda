"""Live slider figures: controls, and frames rendered fast enough to drag a slider.

- widgets  -- LiveFigure (controls + a figure redrawn in place) and the sliders
- blitting -- BlitLiveFigure: redraws only the artists that move
- png      -- the fast PNG encoder behind every frame
"""
