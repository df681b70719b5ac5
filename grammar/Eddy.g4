grammar Eddy; script : EOF ;
