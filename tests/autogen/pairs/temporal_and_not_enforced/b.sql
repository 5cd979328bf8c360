CREATE EXTENSION btree_gist;
CREATE TABLE rooms (id integer, valid daterange, CONSTRAINT rooms_pkey PRIMARY KEY (id, valid WITHOUT OVERLAPS));
CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room integer,
    during daterange,
    guests integer CONSTRAINT guests_positive CHECK (guests > 0) NOT ENFORCED,
    CONSTRAINT bookings_room_fkey FOREIGN KEY (room, PERIOD during) REFERENCES rooms (id, PERIOD valid) NOT ENFORCED,
    CONSTRAINT bookings_no_overlap UNIQUE (room, during WITHOUT OVERLAPS)
);
