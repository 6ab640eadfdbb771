-- v1: the orders the api lists at /cgi-bin/orders.
CREATE TABLE orders (
  id serial PRIMARY KEY,
  item text NOT NULL
);
INSERT INTO orders (item) VALUES ('book'), ('lamp');
