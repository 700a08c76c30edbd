-- The ladder's first step fits the lateness: a customer never reminded
-- whose oldest invoice is this many days past due starts at the personal
-- note, extending the circle, or the formal reminder (0: never skip there).
ALTER TABLE policies ADD COLUMN ladder_first_steps TEXT NOT NULL DEFAULT '30,45,60';
