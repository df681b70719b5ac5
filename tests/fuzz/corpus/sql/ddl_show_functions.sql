show functions;
SELECT lower('AbC'), Upper('AbC'), cHaR_lEnGtH('abc');
