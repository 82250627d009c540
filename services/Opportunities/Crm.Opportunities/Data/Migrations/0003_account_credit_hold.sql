-- The customer's credit standing as orders announces it (CreditStatusChanged): the hold's reason, null in good standing.
ALTER TABLE accounts ADD COLUMN credit_hold_reason text;
