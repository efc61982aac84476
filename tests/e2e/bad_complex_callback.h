static int on_value(double _Complex z, int k);
