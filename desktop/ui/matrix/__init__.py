"""The ACH matrix screen: evidence x scenarios, rated in place, with ACH and Bayesian footers."""
