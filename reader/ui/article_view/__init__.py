"""The article view: a pure layout (`layout`), its line-breaking rules (`breaking`), tone
colours (`colors`) and the widget that paints it and takes input (`widget`)."""
